"""triage.sim.physics."""
