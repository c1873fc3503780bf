"""Cell models, one physical system per module (explicit PyBaMM equations)."""
