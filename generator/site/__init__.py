"""The site stage."""
