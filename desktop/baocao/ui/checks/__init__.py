"""The Kiểm tra room of the window: findings panel, underlines as you type, suggestions, paste conversion."""
