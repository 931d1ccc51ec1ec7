"""Order lists (発注一覧) and order forms (注文書), read for ``check orders``."""
