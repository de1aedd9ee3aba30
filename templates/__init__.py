"""Default draft templates (shipped as toolkit._templates)."""
