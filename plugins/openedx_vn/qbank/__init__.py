"""Question banks (ngân hàng câu hỏi) with Vietnamese question types. Public surface: ``api`` and ``data``."""
