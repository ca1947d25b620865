"""umbrella.claims"""
