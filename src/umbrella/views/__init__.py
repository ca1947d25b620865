"""Views: tables, plots, reports and labels. Views format what the layers compute; they never compute science."""
