"""Attendance sheets (勤務表): clock times or hours per day, one sheet per person and month."""
