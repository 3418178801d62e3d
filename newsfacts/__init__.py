"""newsfacts."""
