"""Display of games and results: plain text, HTML (Jupyter) and LaTeX (MathJax)."""
