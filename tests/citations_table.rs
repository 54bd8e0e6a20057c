//! Table-driven tests of the citation extractor on real citation strings: from
//! the five letters in content/ (their front matter and bodies), from the raw
//! OCR seed of the Hải Phòng letter (lost diacritics, "s6"/"sO"/"sd"/"$6"/"50"
//! for "số", SGDPT/HPND/DPH for Đ), and official forms from Nghị định
//! 30/2020/NĐ-CP. Every row was checked by hand against its source.
//!
//! Columns: input, kind, type slug, number, symbol, year (0 = none),
//! date ("" = none), issuer ("" = none). The first citation of the input is checked.

use gdtx::citations::{canonical_id, extract, CitationKind, Context, Registry, Resolver};
use proptest::prelude::*;

type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i32,
    &'static str,
    &'static str,
);

const TABLE: &[Row] = &[
    ("Văn bản số 2042/SGDDĐT-GDTC&CN", "full", "cong-van", "2042", "SGDĐT-GDTC&CN", 0, "", "Sở Giáo dục và Đào tạo"),
    ("Chỉ thị số 14-CT/TW ngày 25/5/2021 của Thủ tướng", "full", "chi-thi", "14", "CT/TW", 0, "2021-05-25", "Thủ tướng Chính phủ"),
    ("Chỉ thị số 14/CT-TTg ngày 25/5/2021", "full", "chi-thi", "14", "CT-TTg", 0, "2021-05-25", "Thủ tướng Chính phủ"),
    ("Thông tư số 44/TT-BGDĐT", "full", "thong-tu", "44", "TT-BGDĐT", 0, "", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 22/TT-BGDĐT", "full", "thong-tu", "22", "TT-BGDĐT", 0, "", "Bộ Giáo dục và Đào tạo"),
    ("Văn bản 2042/SGDDĐT-GDTC&CN", "full", "cong-van", "2042", "SGDĐT-GDTC&CN", 0, "", "Sở Giáo dục và Đào tạo"),
    ("Chỉ thị số 14-CT/TW ngày 25/5/2021 của Thủ tướng Chính phủ", "full", "chi-thi", "14", "CT/TW", 0, "2021-05-25", "Thủ tướng Chính phủ"),
    ("Chỉ thị số 14/CT-TTg", "full", "chi-thi", "14", "CT-TTg", 0, "", "Thủ tướng Chính phủ"),
    ("Quyết định số 1225/QĐ-UBND, ngày 04/8/2023 của UBND huyện", "full", "quyet-dinh", "1225", "QĐ-UBND", 0, "2023-08-04", "UBND huyện"),
    ("Văn bản số 2042/SGDDĐT-GDTC&CN ngày 21/8/2023 của Sở Giáo dục và Đào tạo", "full", "cong-van", "2042", "SGDĐT-GDTC&CN", 0, "2023-08-21", "Sở Giáo dục và Đào tạo"),
    ("Đề án \"Xây dựng xã hội học tập (XHHT) giai đoạn 2021-2030\"", "named", "de-an", "", "", 0, "", ""),
    ("Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ", "full", "quyet-dinh", "1373", "QĐ-TTg", 0, "2021-07-30", "Thủ tướng Chính phủ"),
    ("Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư khóa XII", "full", "ket-luan", "49", "KL/TW", 0, "2019-05-10", "Ban Bí thư"),
    ("Chỉ thị số 11-CT/TW ngày 03/4/2007 của Bộ Chính trị khóa X", "full", "chi-thi", "11", "CT/TW", 0, "2007-04-03", "Bộ Chính trị"),
    ("Quyết định số 489/QĐ-TTg ngày 08/4/2020 của Thủ tướng Chính phủ", "full", "quyet-dinh", "489", "QĐ-TTg", 0, "2020-04-08", "Thủ tướng Chính phủ"),
    ("Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư", "full", "ket-luan", "49", "KL/TW", 0, "2019-05-10", "Ban Bí thư"),
    ("Chỉ thị số 14/CT-TTg ngày 25/5/2021 của Thủ tướng Chính phủ", "full", "chi-thi", "14", "CT-TTg", 0, "2021-05-25", "Thủ tướng Chính phủ"),
    ("Kế hoạch số 81-KH/TU ngày 27/8/2019 của Ban Thường vụ Tỉnh ủy", "full", "ke-hoach", "81", "KH/TU", 0, "2019-08-27", "Ban Thường vụ Tỉnh ủy"),
    ("Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư Trung ương Đảng", "full", "ket-luan", "49", "KL/TW", 0, "2019-05-10", "Ban Bí thư"),
    ("Chỉ thị số 11-CT/TW của Bộ Chính trị khóa X", "full", "chi-thi", "11", "CT/TW", 0, "", "Bộ Chính trị"),
    ("Kế hoạch số 3244/KH-UBND ngày 06/11/2019 của UBND tỉnh", "full", "ke-hoach", "3244", "KH-UBND", 0, "2019-11-06", "UBND tỉnh"),
    ("Công văn số 2826/UBND-KGVX của UBND tỉnh", "full", "cong-van", "2826", "UBND-KGVX", 0, "", "UBND tỉnh"),
    ("Kế hoạch số 2825/KH-UBND ngày 27/12/2021 của UBND huyện", "full", "ke-hoach", "2825", "KH-UBND", 0, "2021-12-27", "UBND huyện"),
    ("Đề án \"Xây dựng XHHT giai đoạn 2021-2030\"", "named", "de-an", "", "", 0, "", ""),
    ("Thông tư số 17/2022/TT-BTC ngày 08/3/2022 của Bộ Tài chính", "full", "thong-tu", "17", "TT-BTC", 2022, "2022-03-08", "Bộ Tài chính"),
    ("Văn bản số 759/PGDĐT-VP, ngày 15/07/2021 của Phòng Giáo dục và Đào tạo", "full", "cong-van", "759", "PGDĐT-VP", 0, "2021-07-15", "Phòng Giáo dục và Đào tạo"),
    ("Đề án “Phát triển văn hóa đọc trong cộng đồng giai đoạn 2021-2025, định hướng đến năm 2030”", "named", "de-an", "", "", 0, "", ""),
    ("Chương trình phối hợp số 440/CTPH-SVHTTDL-SGDĐT ngày 17/02/2020", "full", "chuong-trinh-phoi-hop", "440", "CTPH-SVHTTDL-SGDĐT", 0, "2020-02-17", ""),
    ("Văn bản số 56/PGDĐT-VP, ngày 19/01/2021 của Phòng Giáo dục và Đào tạo", "full", "cong-van", "56", "PGDĐT-VP", 0, "2021-01-19", "Phòng Giáo dục và Đào tạo"),
    ("Chỉ thị số 31-CT/TU ngày 09/10/2017 của Ban Thường vụ Tỉnh ủy", "full", "chi-thi", "31", "CT/TU", 0, "2017-10-09", "Ban Thường vụ Tỉnh ủy"),
    ("Kế hoạch số 1252/KH-UBND ngày 5/7/2021 của UBND huyện", "full", "ke-hoach", "1252", "KH-UBND", 0, "2021-07-05", "UBND huyện"),
    ("Văn bản số 776/BCĐ ngày 21/7/2021 của Ban Chỉ đạo", "full", "cong-van", "776", "BCĐ", 0, "2021-07-21", "Ban Chỉ đạo"),
    ("Công văn số 741/UBND-GDĐT, ngày 05/4/2023 của UBND huyện Điện Biên", "full", "cong-van", "741", "UBND-GDĐT", 0, "2023-04-05", "UBND huyện Điện Biên"),
    ("Công văn số 2376/UBND-KGVX ngày 13/6/2023", "full", "cong-van", "2376", "UBND-KGVX", 0, "2023-06-13", "UBND"),
    ("Kế hoạch 1584/KH-UBND ngày 31/5/2021 của UBND tỉnh", "full", "ke-hoach", "1584", "KH-UBND", 0, "2021-05-31", "UBND tỉnh"),
    ("Kế hoạch số 979/KH-UBND ngày 27/4/2023 của UBND huyện Điện Biên", "full", "ke-hoach", "979", "KH-UBND", 0, "2023-04-27", "UBND huyện Điện Biên"),
    ("Nghị quyết số 09/2023/NQ-HĐND ngày 14/7/2023 của HĐND tỉnh", "full", "nghi-quyet", "09", "NQ-HĐND", 2023, "2023-07-14", "HĐND tỉnh"),
    ("Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”", "named", "de-an", "", "", 0, "", ""),
    ("Kế hoạch số 573/KH-PGDĐT ngày 15/5/2023 của Phòng GDĐT", "full", "ke-hoach", "573", "KH-PGDĐT", 0, "2023-05-15", "Phòng Giáo dục và Đào tạo"),
    ("văn bản số 732/PGDĐT-GDTH ngày 16/6/2023 của PGDĐT", "full", "cong-van", "732", "PGDĐT-GDTH", 0, "2023-06-16", "Phòng Giáo dục và Đào tạo"),
    ("Quyết định số 165/QĐ-PGDĐT ngày 17/7/2023 của PGDĐT", "full", "quyet-dinh", "165", "QĐ-PGDĐT", 0, "2023-07-17", "Phòng Giáo dục và Đào tạo"),
    ("Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ", "full", "quyet-dinh", "1719", "QĐ-TTg", 0, "2021-10-14", "Thủ tướng Chính phủ"),
    ("Quyết định số 1427/QĐ-SGDĐT", "full", "quyet-dinh", "1427", "QĐ-SGDĐT", 0, "", "Sở Giáo dục và Đào tạo"),
    ("Văn bản số 1059/PGDĐT-TTHTCĐ ngày 05/11/2014 của Phòng Giáo dục và Đào tạo", "full", "cong-van", "1059", "PGDĐT-TTHTCĐ", 0, "2014-11-05", "Phòng Giáo dục và Đào tạo"),
    ("Thông tư số 33/2021/TT-BGDĐT ngày 26/11/2021 của Bộ trưởng Bộ Giáo dục và Đào tạo", "full", "thong-tu", "33", "TT-BGDĐT", 2021, "2021-11-26", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 10/2022/TT-BGDĐT ngày 12/7/2022 của Bộ Giáo dục và Đào tạo", "full", "thong-tu", "10", "TT-BGDĐT", 2022, "2022-07-12", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 04/2014/TT-BGDĐT ngày 28/02/2014 của Bộ giáo dục và Đào tạo", "full", "thong-tu", "04", "TT-BGDĐT", 2014, "2014-02-28", "Bộ Giáo dục và Đào tạo"),
    ("Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị khóa XII", "full", "chi-thi", "05", "CT/TW", 0, "2016-05-15", "Bộ Chính trị"),
    ("Chỉ thị số 31/CT-TTg ngày 04/12/2019 của Thủ tướng Chính phủ", "full", "chi-thi", "31", "CT-TTg", 0, "2019-12-04", "Thủ tướng Chính phủ"),
    ("Quyết định 522/QĐ-TTg ngày 14/5/2018 của Thủ tướng Chính phủ", "full", "quyet-dinh", "522", "QĐ-TTg", 0, "2018-05-14", "Thủ tướng Chính phủ"),
    ("Đề án \"Giáo dục hướng nghiệp và định hướng phân luồng học sinh trong giáo dục phổ thông giai đoạn 2018 - 2025\"", "named", "de-an", "", "", 0, "", ""),
    ("Thông tư số 96/2008/TT-BTC ngày 27/10/2008 của Bộ Tài chính", "full", "thong-tu", "96", "TT-BTC", 2008, "2008-10-27", "Bộ Tài chính"),
    ("Quyết định số 14/2013/QĐ-UBND ngày 30/7/2013 của UBND tỉnh", "full", "quyet-dinh", "14", "QĐ-UBND", 2013, "2013-07-30", "UBND tỉnh"),
    ("Thông tư số 40/2010/TT-BGDĐT ngày 30/12/2010 của Bộ Giáo dục và Đào tạo", "full", "thong-tu", "40", "TT-BGDĐT", 2010, "2010-12-30", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 44/TT-BGDĐT ngày 12/12/2014 của Bộ trưởng Bộ GDĐT", "full", "thong-tu", "44", "TT-BGDĐT", 0, "2014-12-12", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 22/TT-BGDĐT của Bộ trưởng Bộ GDĐT", "full", "thong-tu", "22", "TT-BGDĐT", 0, "", "Bộ Giáo dục và Đào tạo"),
    ("Nghị quyết 29/NQ/TW", "full", "nghi-quyet", "29", "NQ/TW", 0, "", ""),
    ("29-NQ/TW", "full", "nghi-quyet", "29", "NQ/TW", 0, "", ""),
    ("Thông tư số 12/2022/TT-BGDĐT ngày 24/12/2022", "full", "thong-tu", "12", "TT-BGDĐT", 2022, "2022-12-24", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư 12/2022/TT-BGDĐT", "full", "thong-tu", "12", "TT-BGDĐT", 2022, "", "Bộ Giáo dục và Đào tạo"),
    ("10/2022/TT- BGDĐT", "full", "thong-tu", "10", "TT-BGDĐT", 2022, "", "Bộ Giáo dục và Đào tạo"),
    ("43/2021/TT -BGDĐT", "full", "thong-tu", "43", "TT-BGDĐT", 2021, "", "Bộ Giáo dục và Đào tạo"),
    ("Công văn số 3043/SGDĐT-GDTX ngày 04/9/2024 của Sở Giáo dục và Đào tạo", "full", "cong-van", "3043", "SGDĐT-GDTX", 0, "2024-09-04", "Sở Giáo dục và Đào tạo"),
    ("Quyết định số 4354/QĐ-UBND ngày 20/8/2024 của Ủy ban nhân dân thành phố Hà Nội", "full", "quyet-dinh", "4354", "QĐ-UBND", 0, "2024-08-20", "UBND thành phố Hà Nội"),
    ("Đề án “Xây dựng xã hội học tập giai đoạn 2021 -2030”", "named", "de-an", "", "", 0, "", ""),
    ("Quyết định số 1315/QĐ-TTg ngày 09/11/2023 của Thủ tướng Chính phủ", "full", "quyet-dinh", "1315", "QĐ-TTg", 0, "2023-11-09", "Thủ tướng Chính phủ"),
    ("Thông tư số 10/2022/TT- BGDĐT ngày 12/7/2022 của Bộ trưởng Bộ Giáo dục và Đào tạo", "full", "thong-tu", "10", "TT-BGDĐT", 2022, "2022-07-12", "Bộ Giáo dục và Đào tạo"),
    ("Luật Giáo dục 2019", "named", "luat", "", "", 0, "", ""),
    ("Công văn 3652/SGDĐT-CTTT-KHCN ngày 9/10/2023 của Sở Giáo dục và Đào tạo Hà Nội", "full", "cong-van", "3652", "SGDĐT-CTTT-KHCN", 0, "2023-10-09", "Sở Giáo dục và Đào tạo Hà Nội"),
    ("Công văn 601/PGDĐT ngày 23/9/2024 của Phòng Giáo dục và Đào tạo", "full", "cong-van", "601", "PGDĐT", 0, "2024-09-23", "Phòng Giáo dục và Đào tạo"),
    ("Thông tư số 36/2021/TT-BGDĐT ngày 24/12/2021", "full", "thong-tu", "36", "TT-BGDĐT", 2021, "2021-12-24", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 43/2021/TT -BGDĐT ngày 30/12/2021", "full", "thong-tu", "43", "TT-BGDĐT", 2021, "2021-12-30", "Bộ Giáo dục và Đào tạo"),
    ("Kế hoạch số 4197/KH-SGDĐT ngày 01/12/2020 của Sở Giáo dục và Đào tạo", "full", "ke-hoach", "4197", "KH-SGDĐT", 0, "2020-12-01", "Sở Giáo dục và Đào tạo"),
    ("Kế hoạch số 219/KH-UBND ngày 04/12/2018 của UBND thành phố Hà Nội", "full", "ke-hoach", "219", "KH-UBND", 0, "2018-12-04", "UBND thành phố Hà Nội"),
    ("Thông tư số 20/2023/TT-BGDĐT ngày 30/10/2023 của Bộ Giáo dục và Đào tạo", "full", "thong-tu", "20", "TT-BGDĐT", 2023, "2023-10-30", "Bộ Giáo dục và Đào tạo"),
    ("Đề án “Tăng cường ứng dụng CNTT và chuyển đổi số trong giáo dục và đào tạo giai đoạn 2022-2025, định hướng đến năm 2030”", "named", "de-an", "", "", 0, "", ""),
    ("Đề án “Phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022-2025”", "named", "de-an", "", "", 0, "", ""),
    ("Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022 của Bộ Giáo dục và Đào tạo", "full", "quyet-dinh", "4725", "QĐ-BGDĐT", 0, "2022-12-30", "Bộ Giáo dục và Đào tạo"),
    ("$6:2501/SGDPT-GDTX&DPH", "full", "cong-van", "2501", "SGDĐT-GDTX&ĐH", 0, "", "Sở Giáo dục và Đào tạo"),
    ("Số: 2501/SGDĐT-GDTX&ĐH", "full", "cong-van", "2501", "SGDĐT-GDTX&ĐH", 0, "", "Sở Giáo dục và Đào tạo"),
    ("3933/BGDDT-GDTX", "full", "cong-van", "3933", "BGDĐT-GDTX", 0, "", "Bộ Giáo dục và Đào tạo"),
    ("3933/BGDĐT-GDTX", "full", "cong-van", "3933", "BGDĐT-GDTX", 0, "", "Bộ Giáo dục và Đào tạo"),
    ("2826/QD-UBND", "full", "quyet-dinh", "2826", "QĐ-UBND", 0, "", "UBND"),
    ("2826/QĐ-UBND", "full", "quyet-dinh", "2826", "QĐ-UBND", 0, "", "UBND"),
    ("09/2023/NQ-HPND", "full", "nghi-quyet", "09", "NQ-HĐND", 2023, "", "HĐND"),
    ("09/2023/NQ-HĐND", "full", "nghi-quyet", "09", "NQ-HĐND", 2023, "", "HĐND"),
    ("24/2023/TT-BGDDT", "full", "thong-tu", "24", "TT-BGDĐT", 2023, "", "Bộ Giáo dục và Đào tạo"),
    ("25/2023/TT-BGDDT", "full", "thong-tu", "25", "TT-BGDĐT", 2023, "", "Bộ Giáo dục và Đào tạo"),
    ("6759/BGDDT-GDTX", "full", "cong-van", "6759", "BGDĐT-GDTX", 0, "", "Bộ Giáo dục và Đào tạo"),
    ("6759/BGDĐT-GDTX", "full", "cong-van", "6759", "BGDĐT-GDTX", 0, "", "Bộ Giáo dục và Đào tạo"),
    ("764/QD-BGDDT", "full", "quyet-dinh", "764", "QĐ-BGDĐT", 0, "", "Bộ Giáo dục và Đào tạo"),
    ("764/QĐ-BGDĐT", "full", "quyet-dinh", "764", "QĐ-BGDĐT", 0, "", "Bộ Giáo dục và Đào tạo"),
    ("4725/QD-BGDDT", "full", "quyet-dinh", "4725", "QĐ-BGDĐT", 0, "", "Bộ Giáo dục và Đào tạo"),
    ("4725/QĐ-BGDĐT", "full", "quyet-dinh", "4725", "QĐ-BGDĐT", 0, "", "Bộ Giáo dục và Đào tạo"),
    ("Thong tu 50 96/2008/TT-BTC", "full", "thong-tu", "96", "TT-BTC", 2008, "", "Bộ Tài chính"),
    ("Thông tư số 96/2008/TT-BTC", "full", "thong-tu", "96", "TT-BTC", 2008, "", "Bộ Tài chính"),
    ("2501/SGDĐT-GDTX&ĐH", "full", "cong-van", "2501", "SGDĐT-GDTX&ĐH", 0, "", "Sở Giáo dục và Đào tạo"),
    ("Công văn số 3933/BGDĐT-GDTX ngày 30/7/2024 của Bộ Giáo dục và Đào tạo", "full", "cong-van", "3933", "BGDĐT-GDTX", 0, "2024-07-30", "Bộ Giáo dục và Đào tạo"),
    ("Quyết định số 2826/QĐ-UBND ngày 09/8/2024 của Ủy ban nhân dân thành phố", "full", "quyet-dinh", "2826", "QĐ-UBND", 0, "2024-08-09", "UBND thành phố"),
    ("Nghị quyết số 09/2023/NQ-HĐND ngày 08/12/2023 của Hội đồng nhân dân", "full", "nghi-quyet", "09", "NQ-HĐND", 2023, "2023-12-08", "HĐND"),
    ("Thông tư số 24/2023/TT-BGDĐT ngày 11/12/2023", "full", "thong-tu", "24", "TT-BGDĐT", 2023, "2023-12-11", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 25/2023/TT-BGDĐT ngày 27/12/2023 của Bộ GDĐT", "full", "thong-tu", "25", "TT-BGDĐT", 2023, "2023-12-27", "Bộ Giáo dục và Đào tạo"),
    ("Công văn 6759/BGDĐT-GDTX ngày 04/12/2023 của Bộ GDĐT", "full", "cong-van", "6759", "BGDĐT-GDTX", 0, "2023-12-04", "Bộ Giáo dục và Đào tạo"),
    ("Quyết định số 764/QĐ-BGDĐT ngày 08/3/2024 của Bộ trưởng Bộ GDĐT", "full", "quyet-dinh", "764", "QĐ-BGDĐT", 0, "2024-03-08", "Bộ Giáo dục và Đào tạo"),
    ("Chỉ thị số 29-CT/TW ngày 05/01/2024 của Bộ Chính trị", "full", "chi-thi", "29", "CT/TW", 0, "2024-01-05", "Bộ Chính trị"),
    ("Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022 của Bộ GDĐT", "full", "quyet-dinh", "4725", "QĐ-BGDĐT", 0, "2022-12-30", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 44/TT-BGDĐT ngày 12 tháng 12 năm 2014", "full", "thong-tu", "44", "TT-BGDĐT", 0, "2014-12-12", "Bộ Giáo dục và Đào tạo"),
    ("44/2014/TT-BGDĐT", "full", "thong-tu", "44", "TT-BGDĐT", 2014, "", "Bộ Giáo dục và Đào tạo"),
    ("Kế hoạch 4344/KH-UBND", "full", "ke-hoach", "4344", "KH-UBND", 0, "", "UBND"),
    ("Công văn số 3759/BGDĐT-GDTX ngày 28 tháng 7 năm 2023 của Bộ Giáo dục và Đào tạo", "full", "cong-van", "3759", "BGDĐT-GDTX", 0, "2023-07-28", "Bộ Giáo dục và Đào tạo"),
    ("Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030”", "named", "de-an", "", "", 0, "", ""),
    ("Kế hoạch 4344/KH-UBND ngày 22 tháng 12 năm 2021 của UBND Thành phố", "full", "ke-hoach", "4344", "KH-UBND", 0, "2021-12-22", "UBND thành phố"),
    ("Kế hoạch số 1968/KH-UBND ngày 13 tháng 5 năm 2023 của UBND Thành phố", "full", "ke-hoach", "1968", "KH-UBND", 0, "2023-05-13", "UBND thành phố"),
    ("Đề án “Xây dựng XHHT giai đoạn 2021 - 2030”", "named", "de-an", "", "", 0, "", ""),
    ("Đề án “Giáo dục thông minh và học tập suốt đời tại Thành phố Hồ Chí Minh giai đoạn 2021- 2030”", "named", "de-an", "", "", 0, "", ""),
    ("Thông tư số 44/TT-BGDĐT ngày 12 tháng 12 năm 2014 của Bộ trưởng Bộ GDĐT", "full", "thong-tu", "44", "TT-BGDĐT", 0, "2014-12-12", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 96/2008/TT-BTC ngày 27 tháng 10 năm 2008 của Bộ Tài chính", "full", "thong-tu", "96", "TT-BTC", 2008, "2008-10-27", "Bộ Tài chính"),
    ("Thông tư số 26/2010/TT-BGDĐT ngày 27 tháng 10 năm 2010 của Bộ GDĐT", "full", "thong-tu", "26", "TT-BGDĐT", 2010, "2010-10-27", "Bộ Giáo dục và Đào tạo"),
    ("Chỉ thị số 05-CT/TW ngày 15 tháng 5 năm 2016 của Bộ Chính trị khóa XII", "full", "chi-thi", "05", "CT/TW", 0, "2016-05-15", "Bộ Chính trị"),
    ("Chỉ thị số 31/CT-TTg ngày 04 tháng 12 năm 2019 của Thủ tướng Chính phủ", "full", "chi-thi", "31", "CT-TTg", 0, "2019-12-04", "Thủ tướng Chính phủ"),
    ("Thông tư số 22/TT-BGDĐT ngày 6/8/2020", "full", "thong-tu", "22", "TT-BGDĐT", 0, "2020-08-06", "Bộ Giáo dục và Đào tạo"),
    ("22/2020/TT-BGDĐT", "full", "thong-tu", "22", "TT-BGDĐT", 2020, "", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư 22/2020/TT-BGDĐT ngày 06/8/2022", "full", "thong-tu", "22", "TT-BGDĐT", 2020, "2022-08-06", "Bộ Giáo dục và Đào tạo"),
    ("Chỉ thị số 14-CT/TW ngày 25/5/2021", "full", "chi-thi", "14", "CT/TW", 0, "2021-05-25", ""),
    ("Thông tư số 04/2014/TT-BGDĐT ngày 28/2/2018", "full", "thong-tu", "04", "TT-BGDĐT", 2014, "2018-02-28", "Bộ Giáo dục và Đào tạo"),
    ("Nghị định số 46/2017/TTCP", "full", "nghi-dinh", "46", "NĐ-CP", 2017, "", "Chính phủ"),
    ("46/2017/NĐ-CP", "full", "nghi-dinh", "46", "NĐ-CP", 2017, "", "Chính phủ"),
    ("Công văn số 2526 /SGDĐT-GDTXMN", "full", "cong-van", "2526", "SGDĐT-GDTXMN", 0, "", "Sở Giáo dục và Đào tạo"),
    ("4261/SGDĐT- KHTC", "full", "cong-van", "4261", "SGDĐT-KHTC", 0, "", "Sở Giáo dục và Đào tạo"),
    ("Chỉ thị số 14-CT/TW", "full", "chi-thi", "14", "CT/TW", 0, "", ""),
    ("Thông tư số 04/2014/TT-BGDĐT", "full", "thong-tu", "04", "TT-BGDĐT", 2014, "", "Bộ Giáo dục và Đào tạo"),
    ("Quyết định số 2372/QĐ-UBND ngày 18/8/2022 của Ủy ban nhân dân tỉnh", "full", "quyet-dinh", "2372", "QĐ-UBND", 0, "2022-08-18", "UBND tỉnh"),
    ("Công văn số 2544/SGDĐT-GDTXMN ngày 09/9/2022 của Sở Giáo dục và Đào tạo Quảng Ninh", "full", "cong-van", "2544", "SGDĐT-GDTXMN", 0, "2022-09-09", "Sở Giáo dục và Đào tạo Quảng Ninh"),
    ("Nghị quyết số 04-NQ/TU ngày 14/10/2020 của Ban chấp hành Đảng bộ thị xã", "full", "nghi-quyet", "04", "NQ/TU", 0, "2020-10-14", "Ban Chấp hành Đảng bộ thị xã"),
    ("Kế hoạch số 22/KH-UBND ngày 24/01/2022 của Ủy ban nhân dân thị xã Đông Triều", "full", "ke-hoach", "22", "KH-UBND", 0, "2022-01-24", "UBND thị xã Đông Triều"),
    ("Kế hoạch số 252/KH-UBND ngày 29/12/2021 của UBND tỉnh", "full", "ke-hoach", "252", "KH-UBND", 0, "2021-12-29", "UBND tỉnh"),
    ("Kế hoạch số 252", "short", "ke-hoach", "252", "", 0, "", ""),
    ("Chương trình phối hợp 1921/CTPH-SGD-HKH ngày 31/7/2018", "full", "chuong-trinh-phoi-hop", "1921", "CTPH-SGD-HKH", 0, "2018-07-31", ""),
    ("Thông tư số 44/2014/TT-BGDĐT ngày 12/12/2014 của Bộ GDĐT", "full", "thong-tu", "44", "TT-BGDĐT", 2014, "2014-12-12", "Bộ Giáo dục và Đào tạo"),
    ("Công văn số 6615/UBND-GD ngày 29/9/2020 của UBND tỉnh", "full", "cong-van", "6615", "UBND-GD", 0, "2020-09-29", "UBND tỉnh"),
    ("Thông tư số 22/TT-BGDĐT ngày 6/8/2020 của Bộ GDĐT", "full", "thong-tu", "22", "TT-BGDĐT", 0, "2020-08-06", "Bộ Giáo dục và Đào tạo"),
    ("Quyết định số 329/QĐ-TTg ngày 15/3/2017 của Thủ tướng Chính phủ", "full", "quyet-dinh", "329", "QĐ-TTg", 0, "2017-03-15", "Thủ tướng Chính phủ"),
    ("Đề án “Phát triển văn hóa đọc trong cộng đồng đến năm 2020, định hướng đến năm 2030”", "named", "de-an", "", "", 0, "", ""),
    ("Thông tư số 28/2021/TT-BGDĐT ngày 20/10/2021", "full", "thong-tu", "28", "TT-BGDĐT", 2021, "2021-10-20", "Bộ Giáo dục và Đào tạo"),
    ("văn bản số 2286/SGDĐT-GDTXMN ngày 18/8/2021 của Sở GDĐT", "full", "cong-van", "2286", "SGDĐT-GDTXMN", 0, "2021-08-18", "Sở Giáo dục và Đào tạo"),
    ("Công văn số 2526 /SGDĐT-GDTXMN ngày 08/9/2022", "full", "cong-van", "2526", "SGDĐT-GDTXMN", 0, "2022-09-08", "Sở Giáo dục và Đào tạo"),
    ("Thông tư 96/2008/TT-BTC của Bộ Tài chính", "full", "thong-tu", "96", "TT-BTC", 2008, "", "Bộ Tài chính"),
    ("Công văn số 4261/SGDĐT- KHTC ngày 19/12/2011 của Sở GDĐT", "full", "cong-van", "4261", "SGDĐT-KHTC", 0, "2011-12-19", "Sở Giáo dục và Đào tạo"),
    ("Thông tư 22/2020/TT-BGDĐT ngày 06/8/2022 của Bộ GDĐT", "full", "thong-tu", "22", "TT-BGDĐT", 2020, "2022-08-06", "Bộ Giáo dục và Đào tạo"),
    ("Đề án “Tăng cường Kỹ năng giao tiếp ngoại ngữ cho học sinh có sự tham gia của người nước ngoài”", "named", "de-an", "", "", 0, "", ""),
    ("Đề án “Tăng cường giáo dục Kỹ năng sống”", "named", "de-an", "", "", 0, "", ""),
    ("Công văn số 3320/BGDĐT-GDTX ngày 06/8/2021 của Bộ GDĐT", "full", "cong-van", "3320", "BGDĐT-GDTX", 0, "2021-08-06", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư 21/2018/TT-BGDĐT", "full", "thong-tu", "21", "TT-BGDĐT", 2018, "", "Bộ Giáo dục và Đào tạo"),
    ("Công văn 2900/SGDĐT-GDCN-GDTX", "full", "cong-van", "2900", "SGDĐT-GDCN-GDTX", 0, "", "Sở Giáo dục và Đào tạo"),
    ("Thông tư 01/2014/TT-BGDĐT ngày 24/01/2014 của Bộ GDĐT", "full", "thong-tu", "01", "TT-BGDĐT", 2014, "2014-01-24", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 21/2018/TT-BGDĐT ngày 24/8/2018 của Bộ GDĐT", "full", "thong-tu", "21", "TT-BGDĐT", 2018, "2018-08-24", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 04/2014/TT-BGDĐT ngày 28/2/2018 của Bộ GDĐT", "full", "thong-tu", "04", "TT-BGDĐT", 2014, "2018-02-28", "Bộ Giáo dục và Đào tạo"),
    ("Nghị định số 46/2017/NĐ-CP ngày 21/4/2017", "full", "nghi-dinh", "46", "NĐ-CP", 2017, "2017-04-21", "Chính phủ"),
    ("Nghị định số 135/2018/NĐ-CP ngày 04/10/2018", "full", "nghi-dinh", "135", "NĐ-CP", 2018, "2018-10-04", "Chính phủ"),
    ("Nghị định số 46/2017/NĐ-CP", "full", "nghi-dinh", "46", "NĐ-CP", 2017, "", "Chính phủ"),
    ("Nghị định số 86/2018/NĐ-CP ngày 06/6/2018", "full", "nghi-dinh", "86", "NĐ-CP", 2018, "2018-06-06", "Chính phủ"),
    ("Nghị định số 86/2021/NĐ-CP ngày 25/9/2021", "full", "nghi-dinh", "86", "NĐ-CP", 2021, "2021-09-25", "Chính phủ"),
    ("Công văn số 4122/UBND-TM2 ngày 01/11/2006", "full", "cong-van", "4122", "UBND-TM2", 0, "2006-11-01", "UBND"),
    ("Quyết định số 3607/2010/QĐ-UBND ngày 02/12/2010", "full", "quyet-dinh", "3607", "QĐ-UBND", 2010, "2010-12-02", "UBND"),
    ("Nghị định số 86/2018/NĐ-CP ngày 06/6/2018 của TTCP", "full", "nghi-dinh", "86", "NĐ-CP", 2018, "2018-06-06", "Thủ tướng Chính phủ"),
    ("Thông tư số 01/2014/TT-BGDĐT ngày 24/01/2014 của Bộ GDĐT", "full", "thong-tu", "01", "TT-BGDĐT", 2014, "2014-01-24", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 03/2014/TT-BTTTT ngày 11/3/2014", "full", "thong-tu", "03", "TT-BTTTT", 2014, "2014-03-11", "Bộ Thông tin và Truyền thông"),
    ("Thông tư 03", "short", "thong-tu", "03", "", 0, "", ""),
    ("Thông tư số 04/2014/TT-BGDĐT ngày 28/02/2014", "full", "thong-tu", "04", "TT-BGDĐT", 2014, "2014-02-28", "Bộ Giáo dục và Đào tạo"),
    ("Can ctr Cong van sO 3933/BGDDT-GDTX ngay 30/7/2024 cua B6 Giao duc va Dao tao", "full", "cong-van", "3933", "BGDĐT-GDTX", 0, "2024-07-30", "Bộ Giáo dục và Đào tạo"),
    ("Cin cir Quyét dinh s6 2826/QD-UBND ngay 09/8/2024 cta Uy ban nhan dan thanh pho", "full", "quyet-dinh", "2826", "QĐ-UBND", 0, "2024-08-09", "UBND thành phố"),
    ("Nghi quyét s6 09/2023/NQ-HPND ngay 08/12/2023 ciia Hoi dong nhan dan", "full", "nghi-quyet", "09", "NQ-HĐND", 2023, "2023-12-08", "HĐND"),
    ("Thong tu sd 17/2022/TT-BTC ngay 08/3/2022 ctia BO Tai chinh", "full", "thong-tu", "17", "TT-BTC", 2022, "2022-03-08", "Bộ Tài chính"),
    ("Thong tu s6 24/2023/TT-BGDDT ngay 11/12/2023", "full", "thong-tu", "24", "TT-BGDĐT", 2023, "2023-12-11", "Bộ Giáo dục và Đào tạo"),
    ("25/2023/TT-BGDDT ngay 27/12/2023 ctia B GDDT", "full", "thong-tu", "25", "TT-BGDĐT", 2023, "2023-12-27", "Bộ Giáo dục và Đào tạo"),
    ("Nghi quyét 29/NQ/TW", "full", "nghi-quyet", "29", "NQ/TW", 0, "", ""),
    ("Cong van 6759/BGDDT-GDTX ngay 04/12/2023 cua B GDDT", "full", "cong-van", "6759", "BGDĐT-GDTX", 0, "2023-12-04", "Bộ Giáo dục và Đào tạo"),
    ("Quyét dinh s6 764/QD-BGDDT ngay 08/3/2024 cua B¢ truong Bo GDDT", "full", "quyet-dinh", "764", "QĐ-BGDĐT", 0, "2024-03-08", "Bộ Giáo dục và Đào tạo"),
    ("Chi thi s6 29-CT/TW ngay 05/01/2024 ciia Bo Chinh tri", "full", "chi-thi", "29", "CT/TW", 0, "2024-01-05", "Bộ Chính trị"),
    ("Thong tu 50 96/2008/TT-BTC ngay 27/10/2008", "full", "thong-tu", "96", "TT-BTC", 2008, "2008-10-27", "Bộ Tài chính"),
    ("Quyét dinh s6 4725/QD-BGDDT ngay 30/12/2022", "full", "quyet-dinh", "4725", "QĐ-BGDĐT", 0, "2022-12-30", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 33/2021/TT-BGDĐT", "full", "thong-tu", "33", "TT-BGDĐT", 2021, "", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 33/2021/TT-BGDÐT", "full", "thong-tu", "33", "TT-BGDĐT", 2021, "", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 33/2021/ТТ-BGDĐT", "full", "thong-tu", "33", "TT-BGDĐT", 2021, "", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 43/2021/TT -BGDĐT", "full", "thong-tu", "43", "TT-BGDĐT", 2021, "", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 10/2022/TT- BGDĐT", "full", "thong-tu", "10", "TT-BGDĐT", 2022, "", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư số 10 / 2022 / TT - BGDĐT", "full", "thong-tu", "10", "TT-BGDĐT", 2022, "", "Bộ Giáo dục và Đào tạo"),
    ("số 12/2022/TT-BGDĐT ngày", "full", "thong-tu", "12", "TT-BGDĐT", 2022, "", "Bộ Giáo dục và Đào tạo"),
    ("Nghị định 46/2017/ND-CP", "full", "nghi-dinh", "46", "NĐ-CP", 2017, "", "Chính phủ"),
    ("Nghi dinh so 46/2017/ND-CP ngay 21/4/2017", "full", "nghi-dinh", "46", "NĐ-CP", 2017, "2017-04-21", "Chính phủ"),
    ("Thông tư liên tịch số 01/2020/TTLT-BTC-BNV", "full", "thong-tu-lien-tich", "01", "TTLT-BTC-BNV", 2020, "", "Bộ Tài chính"),
    ("Luật số 43/2019/QH14", "full", "luat", "43", "QH14", 2019, "", "Quốc hội"),
    ("Quyết định số 1373/QĐ-TTg ngày 30 tháng 7 năm 2021 của Thủ tướng Chính phủ", "full", "quyet-dinh", "1373", "QĐ-TTg", 0, "2021-07-30", "Thủ tướng Chính phủ"),
    ("Quyết định 1373/QD-TTg ngày 30-7-2021", "full", "quyet-dinh", "1373", "QĐ-TTg", 0, "2021-07-30", "Thủ tướng Chính phủ"),
    ("Quyết định số 15a/QĐ-UBND ngày 3/1/2024", "full", "quyet-dinh", "15a", "QĐ-UBND", 0, "2024-01-03", "UBND"),
    ("Kế hoạch số 4344/KH-UBND", "full", "ke-hoach", "4344", "KH-UBND", 0, "", "UBND"),
    ("Công văn số 3759/BGDĐT-GDTX ngày 28/7/2023", "full", "cong-van", "3759", "BGDĐT-GDTX", 0, "2023-07-28", "Bộ Giáo dục và Đào tạo"),
    ("Công văn số 2501/SGDĐT-GDTX&ĐH", "full", "cong-van", "2501", "SGDĐT-GDTX&ĐH", 0, "", "Sở Giáo dục và Đào tạo"),
    ("Văn bản số 759/PGDĐT-VP", "full", "cong-van", "759", "PGDĐT-VP", 0, "", "Phòng Giáo dục và Đào tạo"),
    ("Công văn số 1234/SGDĐT-TH&THCS ngày 1/9/2023", "full", "cong-van", "1234", "SGDĐT-TH&THCS", 0, "2023-09-01", "Sở Giáo dục và Đào tạo"),
    ("Chỉ thị số 05-CT/TW", "full", "chi-thi", "05", "CT/TW", 0, "", ""),
    ("Kết luận số 49-KL/TW", "full", "ket-luan", "49", "KL/TW", 0, "", ""),
    ("Nghị quyết số 04-NQ/TU", "full", "nghi-quyet", "04", "NQ/TU", 0, "", "Tỉnh ủy"),
    ("Quyết định số 09/2023/QĐ-UBND", "full", "quyet-dinh", "09", "QĐ-UBND", 2023, "", "UBND"),
    ("Nghị quyết số 09/NQ-HĐND", "full", "nghi-quyet", "09", "NQ-HĐND", 0, "", "HĐND"),
    ("Đề án 1373", "short", "de-an", "1373", "", 0, "", ""),
    ("Thông tư 33", "short", "thong-tu", "33", "", 0, "", ""),
    ("Chỉ thị 14", "short", "chi-thi", "14", "", 0, "", ""),
    ("Công văn số 4261/SGDĐT- KHTC", "full", "cong-van", "4261", "SGDĐT-KHTC", 0, "", "Sở Giáo dục và Đào tạo"),
    ("Quyết định số 2826/QĐ-UBND ngày 09.8.2024", "full", "quyet-dinh", "2826", "QĐ-UBND", 0, "2024-08-09", "UBND"),
    ("Quyết định số 2826/QĐ-UBND ngày 9/8/2024 của UBND tỉnh Điện Biên", "full", "quyet-dinh", "2826", "QĐ-UBND", 0, "2024-08-09", "UBND tỉnh Điện Biên"),
    ("Kế hoạch số 12/KH-UBND ngày 5/1/2023 của UBND huyện Mường Chà", "full", "ke-hoach", "12", "KH-UBND", 0, "2023-01-05", "UBND huyện Mường Chà"),
    ("Văn bản số 15/BCĐ ngày 2/3/2023 của Ban Chỉ đạo", "full", "cong-van", "15", "BCĐ", 0, "2023-03-02", "Ban Chỉ đạo"),
    ("Nghị quyết số 12-NQ/TU ngày 1/2/2022 của Ban Thường vụ Tỉnh ủy", "full", "nghi-quyet", "12", "NQ/TU", 0, "2022-02-01", "Ban Thường vụ Tỉnh ủy"),
    ("Kế hoạch số 81-KH/HU ngày 27/8/2019 của Ban Thường vụ Huyện ủy", "full", "ke-hoach", "81", "KH/HU", 0, "2019-08-27", "Ban Thường vụ Huyện ủy"),
    ("Thông báo số 123/TB-BGDĐT ngày 10/2/2023", "full", "thong-bao", "123", "TB-BGDĐT", 0, "2023-02-10", "Bộ Giáo dục và Đào tạo"),
    ("Hướng dẫn số 45/HD-SGDĐT ngày 5/9/2023", "full", "huong-dan", "45", "HD-SGDĐT", 0, "2023-09-05", "Sở Giáo dục và Đào tạo"),
    ("Chương trình phối hợp số 01/CTPH-BGDĐT-TWĐTN ngày 3/3/2022", "full", "chuong-trinh-phoi-hop", "01", "CTPH-BGDĐT-TWĐTN", 0, "2022-03-03", "Bộ Giáo dục và Đào tạo"),
    ("Thông tư 01/2014/TT-BGDĐT", "full", "thong-tu", "01", "TT-BGDĐT", 2014, "", "Bộ Giáo dục và Đào tạo"),
    ("Quyết định số 1719/QĐ-TTg", "full", "quyet-dinh", "1719", "QĐ-TTg", 0, "", "Thủ tướng Chính phủ"),
    ("Công văn số 3320/BGDĐT-GDTX", "full", "cong-van", "3320", "BGDĐT-GDTX", 0, "", "Bộ Giáo dục và Đào tạo"),
];

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

#[test]
fn table_of_real_citations() {
    assert!(TABLE.len() >= 150, "{} rows", TABLE.len());
    let mut failures = Vec::new();
    for &(input, kind, ty, number, symbol, year, date, issuer) in TABLE {
        let cs = extract(input);
        let Some(c) = cs.first() else {
            failures.push(format!("{input:?}: nothing extracted"));
            continue;
        };
        let got_kind = match c.kind {
            CitationKind::Full => "full",
            CitationKind::Short => "short",
            CitationKind::Named => "named",
        };
        let got = (
            got_kind,
            c.doc_type.map_or("", |t| t.slug()),
            c.number.clone(),
            c.symbol.clone(),
            c.year.unwrap_or(0),
            c.date.map(|d| d.to_string()).unwrap_or_default(),
            c.issuer.clone(),
        );
        let want = (
            kind,
            ty,
            opt(number),
            opt(symbol),
            year,
            date.to_owned(),
            opt(issuer),
        );
        if got != want {
            failures.push(format!("{input:?}\n   got {got:?}\n  want {want:?}"));
        }
        assert_eq!(
            &input[c.span.clone()],
            c.raw,
            "{input:?}: raw is the span's text"
        );
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn line_breaks_inside_a_citation() {
    let t = "Căn cứ Thông tư\nsố 12/2022/TT-\nBGDĐT ngày\n24/12/2022 của Bộ GDĐT;";
    let c = &extract(t)[0];
    assert_eq!(c.symbol.as_deref(), Some("TT-BGDĐT"));
    assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("2022-12-24"));
    assert!(c.raw.starts_with("Thông tư\nsố"));
    assert_eq!(
        canonical_id(c).as_deref(),
        Some("thong-tu-12-2022-tt-bgddt")
    );
}

#[test]
fn spaces_around_slash_and_dash() {
    let c = &extract("Thông tư số 10 / 2022 / TT - BGDĐT")[0];
    assert_eq!(c.symbol.as_deref(), Some("TT-BGDĐT"));
    assert_eq!(c.year, Some(2022));
}

#[test]
fn several_citations_in_order_with_exact_spans() {
    let t = "theo Thông tư số 24/2023/TT-BGDĐT ngày 11/12/2023 và Thông tư số 25/2023/TT-BGDĐT ngày 27/12/2023 của Bộ GDĐT; Chỉ thị 14.";
    let cs = extract(t);
    assert_eq!(cs.len(), 3);
    assert!(cs.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    for c in &cs {
        assert_eq!(&t[c.span.clone()], c.raw);
    }
    assert_eq!(cs[2].kind, CitationKind::Short);
}

#[test]
fn no_false_positives_in_prose() {
    for t in [
        "năm học 2024-2025, giai đoạn 2021 - 2030",
        "Báo cáo sơ kết học kỳ 1: trước 20/12/2022",
        "từ ngày 10/10/1954- 10/10/2024",
        "trung tâm GDNN -GDTX",
        "sinh hoạt tổ/nhóm chuyên môn",
        "Kế hoạch 5 năm; kế hoạch 12 tháng",
        "Chương trình GDPT 2018",
        "lớp 6/2 và lớp 7/3",
        "đạt 95% kế hoạch",
    ] {
        assert!(extract(t).is_empty(), "{t:?}: {:?}", extract(t));
    }
}

#[test]
fn pdf_footnote_glued_to_a_number() {
    let t = "Triển khai Đề án 13731 và Chỉ thị số 14-CT/TW.\n\n1 Công văn số 3320/BGDĐT-GDTX ngày 06/8/2021 của Bộ GDĐT\n";
    let c = &extract(t)[0];
    assert_eq!(c.number.as_deref(), Some("1373"));
    assert_eq!(c.raw, "Đề án 1373");
    // Without such a footnote the number is kept.
    let c = &extract("Triển khai Đề án 13731 và Chỉ thị số 14-CT/TW.")[0];
    assert_eq!(c.number.as_deref(), Some("13731"));
}

fn ctx(p: &str, d: Option<&str>) -> Context {
    Context {
        province: Some(p.into()),
        district: d.map(Into::into),
    }
}

#[test]
fn registry_resolves_short_and_named_references() {
    let reg = Registry::builtin();
    let mut r = Resolver::new(&reg);
    let t = "Đề án 1373 và Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030”; Đề án 13731.";
    let mut cs = extract(t);
    let res = r.resolve_letter(&mut cs, &ctx("Quảng Ninh", None));
    assert_eq!(res.len(), 3);
    for x in &res {
        assert_eq!(
            x.id.as_deref(),
            Some("quyet-dinh-1373-qd-ttg-2021"),
            "{res:?}"
        );
    }
    // The registry knows 1373, so the trailing 1 of "13731" is a footnote marker.
    assert_eq!(cs[2].number.as_deref(), Some("1373"));
    assert_eq!(&t[cs[2].span.clone()], cs[2].raw);
}

#[test]
fn short_reference_prefers_the_letter_and_reports_ambiguity() {
    let reg = Registry::default();
    let mut r = Resolver::new(&reg);
    let t = "Chỉ thị số 14-CT/TW ngày 25/5/2021 của Ban Bí thư; Chỉ thị số 14/CT-TTg ngày 25/5/2021 của Thủ tướng Chính phủ. Thực hiện Chỉ thị 14; Kế hoạch số 252/KH-UBND ngày 29/12/2021 của UBND tỉnh (Kế hoạch số 252).";
    let mut cs = extract(t);
    let res = r.resolve_letter(&mut cs, &ctx("Quảng Ninh", None));
    let short: Vec<_> = cs
        .iter()
        .zip(&res)
        .filter(|(c, _)| c.kind == CitationKind::Short)
        .collect();
    assert_eq!(short.len(), 2);
    assert!(short[0].1.ambiguous && short[0].1.id.is_none());
    assert_eq!(short[0].1.candidates.len(), 2);
    assert_eq!(
        short[1].1.id.as_deref(),
        Some("ke-hoach-252-kh-ubnd-2021-quang-ninh")
    );
}

#[test]
fn local_place_is_inferred_from_the_letter() {
    let reg = Registry::default();
    let mut r = Resolver::new(&reg);
    let mut cs = extract("Quyết định số 1225/QĐ-UBND, ngày 04/8/2023 của UBND huyện");
    let res = r.resolve_letter(&mut cs, &ctx("Điện Biên", Some("Huyện Điện Biên")));
    assert_eq!(
        res[0].id.as_deref(),
        Some("quyet-dinh-1225-qd-ubnd-2023-dien-bien-huyen-dien-bien")
    );
    assert!(cs[0].place.as_ref().unwrap().inferred);
}

#[test]
fn undated_mention_takes_the_year_of_the_dated_one() {
    let reg = Registry::default();
    let mut r = Resolver::new(&reg);
    let t = "Chỉ thị số 11-CT/TW ngày 03/4/2007 của Bộ Chính trị; … Chỉ thị số 11-CT/TW của Bộ Chính trị khóa X";
    let mut cs = extract(t);
    let res = r.resolve_letter(&mut cs, &Context::default());
    assert_eq!(res[0].id, res[1].id);
    assert_eq!(res[1].id.as_deref(), Some("chi-thi-11-ct-tw-2007"));
}

#[test]
fn builtin_registry_resolves_undated_normative_mentions() {
    let reg = Registry::builtin();
    let mut r = Resolver::new(&reg);
    let mut cs = extract("Thông tư số 22/TT-BGDĐT của Bộ trưởng Bộ GDĐT");
    let res = r.resolve_letter(&mut cs, &ctx("Hồ Chí Minh", None));
    assert_eq!(res[0].id.as_deref(), Some("thong-tu-22-2020-tt-bgddt"));
}

#[test]
fn date_conflicts_are_reported_not_split() {
    let reg = Registry::default();
    let mut r = Resolver::new(&reg);
    let mut cs = extract(
        "Thông tư số 04/2014/TT-BGDĐT ngày 28/2/2018; Thông tư số 04/2014/TT-BGDĐT ngày 28/02/2014",
    );
    let res = r.resolve_letter(&mut cs, &Context::default());
    assert_eq!(res[0].id, res[1].id);
    assert!(res[0].date_conflict.is_some() || res[1].date_conflict.is_some());
    let conflicts = r.date_conflicts();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].dates.len(), 2);
}

#[test]
fn builtin_registry_ids_match_their_comments() {
    let src = include_str!("../data/documents.toml");
    let reg = Registry::builtin();
    let commented: Vec<&str> = src
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .filter(|l| !l.contains(' '))
        .collect();
    assert_eq!(
        commented.len(),
        reg.len(),
        "one id comment per entry, no duplicates"
    );
    for id in commented {
        assert!(reg.get(id).is_some(), "{id} not produced by its cite line");
    }
}

#[test]
fn json_record_has_exactly_the_issue_fields() {
    let reg = Registry::builtin();
    let mut r = Resolver::new(&reg);
    let text = "Căn cứ\nQuyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ;";
    let mut cs = extract(text);
    let res = r.resolve_letter(&mut cs, &Context::default());
    let v = gdtx::citations::to_json_record("a.txt", text, &cs[0], &res[0]);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut want = [
        "file", "line", "col", "raw", "kind", "type", "number", "symbol", "year", "date", "issuer",
        "id", "title",
    ];
    want.sort_unstable();
    let mut got = keys.clone();
    got.sort_unstable();
    assert_eq!(got, want);
    assert_eq!(v["line"], 2);
    assert_eq!(v["col"], 1);
    assert_eq!(v["kind"], "full");
    assert_eq!(v["type"], "quyet-dinh");
    assert_eq!(v["date"], "2021-07-30");
    assert_eq!(v["id"], "quyet-dinh-1373-qd-ttg-2021");
    assert!(v["title"]
        .as_str()
        .unwrap()
        .contains("Xây dựng xã hội học tập"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_and_spans_are_exact(s in "\\PC{0,200}") {
        check(&s);
    }

    #[test]
    fn citation_like_noise_never_panics(s in "([0-9]{1,5}|[/\\-&: ,\n]|số|s6|\\$6|Thông tư|Đề án|Chỉ thị|TT|QĐ|UBND|BGDĐT|Ð|ngày|tháng|năm|của|UBND tỉnh|\u{0301}|“|”|\\[\\^1\\]:|\n1 ){0,40}") {
        check(&s);
    }
}

fn check(s: &str) {
    let cs = extract(s);
    let mut last = 0;
    for c in &cs {
        assert!(c.span.start <= c.span.end && c.span.end <= s.len());
        assert!(s.is_char_boundary(c.span.start) && s.is_char_boundary(c.span.end));
        assert_eq!(&s[c.span.clone()], c.raw);
        assert!(c.span.start >= last, "in order, not overlapping");
        last = c.span.end;
    }
    let reg = Registry::builtin();
    let mut r = Resolver::new(&reg);
    let mut cs = cs;
    let res = r.resolve_letter(&mut cs, &Context::default());
    assert_eq!(res.len(), cs.len());
    for c in &cs {
        assert_eq!(&s[c.span.clone()], c.raw);
    }
}
