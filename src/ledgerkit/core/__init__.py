"""What every stage shares: errors, the message catalogue, issues, money arithmetic."""
