"""Excel and CSV in and out: safe reading, header detection, parsing, 花名册/模板/统计表 writers."""
