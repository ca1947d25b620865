"""umbrella.evidence"""
