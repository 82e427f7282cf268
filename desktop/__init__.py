"""The Qt window of 工会台账: screens, table models, forms and the background-task helper."""
