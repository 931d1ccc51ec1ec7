"""Budget vs actual (予実管理): budgets, rate tables, labor cost and purchases against them."""
