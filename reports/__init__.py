"""Documents in and out: Excel import/export, the year-end PDF, and the command line's text output."""
