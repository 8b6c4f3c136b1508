"""Vietnamese spelling, offline: syllable rules, word lists, suggestions, user dictionary, n-grams.  No Qt."""
