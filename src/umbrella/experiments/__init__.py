"""umbrella.experiments"""
