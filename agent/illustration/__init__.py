"""Images: the style sheet, prompt checks, charts, the Images API."""
