"""Direct and reported quotes with speakers, and their fidelity against the origin."""
