"""One module per screen of the main window (工作台, lists, import/export, settings …)."""
