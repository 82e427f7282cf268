"""Tests of the Excel/CSV importer and exporters, on files the tests build themselves."""
