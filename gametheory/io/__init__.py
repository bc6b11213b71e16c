"""Reading and writing games: Gambit ``.nfg``/``.efg`` interchange and other formats."""
