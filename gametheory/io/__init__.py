"""Input and output: game files (TOML spec, Gambit .nfg/.efg), LaTeX for papers, JSON."""
