"""umbrella.dynamics"""
