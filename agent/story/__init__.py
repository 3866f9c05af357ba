"""The story's material: references, passages, chapter text and citations."""
