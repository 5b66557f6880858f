"""contractgen: hotline service contracts from YAML specs, with every figure computed exactly."""

__version__ = "0.2.0"
