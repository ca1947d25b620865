"""umbrella.views"""
