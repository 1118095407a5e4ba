"""Online lesson block (vn_online_lesson): an online lesson of a course unit, its attendance and session."""
