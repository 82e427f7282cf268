"""The clerk's year: review lists, 防返困 follow-ups due, duplicate people and cross-checks."""
