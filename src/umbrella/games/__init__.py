"""umbrella.games"""
