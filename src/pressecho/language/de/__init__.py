"""language/de"""
