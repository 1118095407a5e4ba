"""Tests the Vietnamese way: blueprints (ma trận đề), generation, shuffled versions (mã đề)."""
