"""The evidence base: schema, loading with file:line errors, World snapshots, exports.

    from umbrella.evidence import load
    ev = load(extra_dirs=[...])
    ev.disputes["spain-1988"].derived_strategy   # 'concede'
    ev.world(1985).by_intensity()
"""
from umbrella.evidence.loader import Evidence, bundled_data_dir, load, seeds_dir
from umbrella.evidence.schema import INTENSITY_ORDER, KINDS, STRATEGIES
from umbrella.evidence.world import World

__all__ = ["Evidence", "World", "load", "bundled_data_dir", "seeds_dir", "KINDS", "INTENSITY_ORDER",
           "STRATEGIES"]
