"""umbrella.theory"""
