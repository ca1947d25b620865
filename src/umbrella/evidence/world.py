"""A snapshot of the extended-deterrence system in one year, read off the evidence base."""
from __future__ import annotations

from dataclasses import dataclass, field

from umbrella.evidence.schema import INTENSITY_ORDER


@dataclass(frozen=True)
class World:
    year: int
    alliances: dict = field(default_factory=dict)       # id → Alliance in force
    mechanisms: dict = field(default_factory=dict)      # id → Mechanism in force
    deployments: dict = field(default_factory=dict)     # id → Deployment in force
    host_intensity: dict = field(default_factory=dict)  # (patron, host) → highest intensity that year

    @classmethod
    def at(cls, ev, year: int) -> "World":
        deployments = {i: d for i, d in ev.deployments.items() if d.in_force(year)}
        host: dict[tuple[str, str], str] = {}
        for d in deployments.values():
            key = (d.patron, d.host)
            if key not in host or INTENSITY_ORDER[d.intensity] > INTENSITY_ORDER[host[key]]:
                host[key] = d.intensity
        return cls(
            year=year,
            alliances={i: a for i, a in ev.alliances.items() if a.in_force(year)},
            mechanisms={i: m for i, m in ev.mechanisms.items() if m.in_force(year)},
            deployments=deployments,
            host_intensity=host,
        )

    def by_intensity(self) -> dict[str, list[str]]:
        """Hosts grouped by the highest intensity of US deployment on their soil that year."""
        out: dict[str, list[str]] = {"fixed": [], "non_fixed": [], "none": []}
        for (_, host), level in sorted(self.host_intensity.items()):
            out[level].append(host)
        return out

    def to_dict(self) -> dict:
        return {
            "year": self.year,
            "alliances": sorted(self.alliances),
            "mechanisms": sorted(self.mechanisms),
            "deployments": sorted(self.deployments),
            "hosts_by_intensity": self.by_intensity(),
        }
