"""Text folding: pure ``str -> str`` steps (look-alikes, scripts, fragments, mojibake,
transliteration, romanization)."""
