"""REST API of the share (/vn/teaching/api/v1/...): plans, sessions, imports, policy, shares, recompute."""
