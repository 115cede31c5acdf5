"""Simoiu, Corbett-Davies & Goel's threshold test (2017), fitted with NumPyro's NUTS sampler.

For each location d and group r: stops n, searches s, hits h. Each stopped driver carries a
probability p of carrying contraband, drawn from Beta(φ_rd·λ_rd, (1−φ_rd)·λ_rd) with
φ_rd = logistic(φ_r + φ_d), λ_rd = exp(λ_r + λ_d); officers search when p exceeds the threshold
t_rd = logistic(t_r + σ_t[r]·z_rd), with the paper's priors. Then s ~ Binomial(n, P(p > t)) and
h ~ Binomial(s, E[p | p > t]). The tail integrals of the beta distribution are computed by
Gauss–Legendre quadrature in logit space (JAX's incomplete beta has no gradient in its shape
parameters), so the sampler gets exact gradients. Input rows are Stanford's published form
(`location_variable, driver_race, num_stops, num_searches, num_hits`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

NODES = 48


@dataclass
class Cell:
    location: str
    race: str
    stops: int
    searches: int
    hits: int


def read_cells(path: Path) -> list[Cell]:
    with Path(path).open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = {
            "location_variable",
            "driver_race",
            "num_stops",
            "num_searches",
            "num_hits",
        } - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}, line 1: missing columns {', '.join(sorted(missing))}")
        cells = []
        for line, row in enumerate(reader, start=2):
            try:
                cells.append(
                    Cell(
                        row["location_variable"],
                        row["driver_race"],
                        int(float(row["num_stops"])),
                        int(float(row["num_searches"])),
                        int(float(row["num_hits"])),
                    )
                )
            except ValueError as exc:
                raise ValueError(f"{path}, line {line}: {exc}") from None
    return cells


# Per agency (the pages): the most recent `AGENCY_YEARS` years of stops, one location per agency,
# one cell per race/ethnicity group with at least `MIN_SEARCHES` searches; an agency is fitted only
# when White drivers and at least one other group qualify (a threshold is read against another).
AGENCY_YEARS = 5
MIN_SEARCHES = 20

AGENCY_CELLS_SQL = """
SELECT agency, race_group, CAST(count(*) AS BIGINT) AS stops,
       CAST(count(*) FILTER (WHERE searched) AS BIGINT) AS searches,
       CAST(count(*) FILTER (WHERE searched AND contraband_found) AS BIGINT) AS hits
FROM read_parquet(?) WHERE agency IS NOT NULL AND year BETWEEN ? AND ?
GROUP BY ALL ORDER BY ALL
"""


def agency_cells(
    folder: Path,
    *,
    years: int = AGENCY_YEARS,
    min_searches: int = MIN_SEARCHES,
    agencies: list[str] | None = None,
) -> tuple[list[Cell], list[int]]:
    """Agency × group cells from `stops.parquet` (location = agency), and the years they cover."""
    import duckdb

    path = str(Path(folder) / "stops.parquet")
    con = duckdb.connect()
    last = con.execute("SELECT max(year) FROM read_parquet(?)", [path]).fetchone()[0]
    if last is None:
        return [], []
    first = int(last) - years + 1
    rows = con.execute(AGENCY_CELLS_SQL, [path, first, int(last)]).fetchall()
    con.close()
    by_agency: dict[str, list[Cell]] = {}
    for agency, group, stops, searches, hits in rows:
        if searches >= min_searches and (agencies is None or agency in agencies):
            by_agency.setdefault(agency, []).append(Cell(agency, group, stops, searches, hits))
    cells = [
        c
        for found in by_agency.values()
        if len(found) >= 2 and any(c.race == "White" for c in found)
        for c in found
    ]
    return cells, list(range(first, int(last) + 1))


def _tails(a, b, t):  # noqa: ANN001 - jax arrays
    """P(p > t) and E[p·1(p > t)] for p ~ Beta(a, b), by quadrature over z = logit(p) ≥ logit(t)."""
    import jax.numpy as jnp
    from jax.scipy.special import betaln

    u, w = np.polynomial.legendre.leggauss(NODES)
    u = jnp.asarray((u + 1) / 2)  # (0, 1)
    w = jnp.asarray(w / 2)
    zt = jnp.log(t) - jnp.log1p(-t)
    # Nodes spread over the logit-beta density's own scale (its sd is about sqrt(1/a + 1/b)).
    scale = jnp.sqrt(1 / a + 1 / b)[..., None]
    z = zt[..., None] + scale * u / (1 - u)
    jac = scale / (1 - u) ** 2
    log_p = -jnp.logaddexp(0.0, -z)
    log_q = -jnp.logaddexp(0.0, z)
    log_f = a[..., None] * log_p + b[..., None] * log_q - betaln(a, b)[..., None]
    dens = jnp.exp(log_f) * jac * w
    return dens.sum(-1), (dens * jnp.exp(log_p)).sum(-1)


def model(race_idx, loc_idx, n_races, n_locs, stops, searches=None, hits=None):  # noqa: ANN001, ANN201
    import jax.numpy as jnp
    import numpyro
    import numpyro.distributions as dist

    # Priors as specified for the 2017 paper's model (tight, informative; the first location's
    # effects pinned at 0 so that race and location effects are identified).
    sigma_t = numpyro.sample("sigma_t", dist.HalfNormal(jnp.full(n_races, 0.25)))
    t_r = numpyro.sample("t_r", dist.Normal(jnp.full(n_races, -2.0), 1.0))
    phi_r = numpyro.sample("phi_r", dist.Normal(jnp.full(n_races, -3.5), 0.25))
    lambda_r = numpyro.sample("lambda_r", dist.Normal(jnp.full(n_races, 2.0), 0.5))
    phi_raw = numpyro.sample("phi_d", dist.Normal(jnp.zeros(n_locs - 1), 0.25))
    lambda_raw = numpyro.sample("lambda_d", dist.Normal(jnp.zeros(n_locs - 1), 0.5))
    phi_d = jnp.concatenate([jnp.zeros(1), phi_raw])
    lambda_d = jnp.concatenate([jnp.zeros(1), lambda_raw])
    z = numpyro.sample("z", dist.Normal(jnp.zeros(len(stops)), 1.0))
    threshold = numpyro.deterministic(
        "threshold",
        jnp.clip(1 / (1 + jnp.exp(-(t_r[race_idx] + sigma_t[race_idx] * z))), 1e-6, 1 - 1e-6),
    )
    phi = 1 / (1 + jnp.exp(-(phi_r[race_idx] + phi_d[loc_idx])))
    lam = jnp.exp(lambda_r[race_idx] + lambda_d[loc_idx])
    search_rate, hit_mass = _tails(phi * lam, (1 - phi) * lam, threshold)
    search_rate = jnp.clip(search_rate, 1e-9, 1 - 1e-9)
    hit_rate = jnp.clip(hit_mass / search_rate, 1e-9, 1 - 1e-9)
    numpyro.sample("searches", dist.Binomial(stops, search_rate), obs=searches)
    numpyro.sample("hits", dist.Binomial(searches, hit_rate), obs=hits)


@dataclass
class Fit:
    cells: list[Cell]
    threshold: np.ndarray  # draws × cells
    rhat_max: float
    ess_min: float
    divergences: int


def fit(
    cells: list[Cell], *, warmup: int = 500, samples: int = 500, chains: int = 2, seed: int = 0
) -> Fit:
    import jax
    import numpyro
    from numpyro.diagnostics import summary
    from numpyro.infer import MCMC, NUTS, init_to_value

    numpyro.set_host_device_count(max(chains, 1))
    races = sorted({c.race for c in cells})
    locs = sorted({c.location for c in cells})
    data = dict(
        race_idx=np.array([races.index(c.race) for c in cells]),
        loc_idx=np.array([locs.index(c.location) for c in cells]),
        n_races=len(races),
        n_locs=len(locs),
        stops=np.array([c.stops for c in cells]),
        searches=np.array([c.searches for c in cells]),
        hits=np.array([c.hits for c in cells]),
    )
    # Chains start from the priors' centres: from NumPyro's default random points some chains
    # stuck where the search rate underflows and never met the others (R-hat > 20).
    r, n_locs, n = len(races), len(locs), len(cells)
    start = {
        "sigma_t": np.full(r, 0.2),
        "t_r": np.full(r, -2.0),
        "phi_r": np.full(r, -3.5),
        "lambda_r": np.full(r, 2.0),
        "phi_d": np.zeros(n_locs - 1),
        "lambda_d": np.zeros(n_locs - 1),
        "z": np.zeros(n),
    }
    mcmc = MCMC(
        NUTS(model, target_accept_prob=0.9, init_strategy=init_to_value(values=start)),
        num_warmup=warmup,
        num_samples=samples,
        num_chains=chains,
        chain_method="sequential",
        progress_bar=False,
    )
    mcmc.run(jax.random.PRNGKey(seed), **data)
    grouped = mcmc.get_samples(group_by_chain=True)
    # A single location has no location effects (empty sites, which `summary` cannot reshape).
    stats = summary({k: v for k, v in grouped.items() if np.asarray(v).size > 0})
    rhat = max(float(np.nanmax(s["r_hat"])) for s in stats.values())
    ess = min(float(np.nanmin(s["n_eff"])) for s in stats.values())
    divergences = int(mcmc.get_extra_fields()["diverging"].sum())
    return Fit(cells, np.asarray(mcmc.get_samples()["threshold"]), rhat, ess, divergences)


def results(result: Fit, *, level: float = 0.95) -> list[dict]:
    lo, hi = (1 - level) / 2 * 100, (1 + level) / 2 * 100
    out = []
    for j, c in enumerate(result.cells):
        draws = result.threshold[:, j]
        out.append(
            {
                "location": c.location,
                "driver_race": c.race,
                "num_stops": c.stops,
                "num_searches": c.searches,
                "num_hits": c.hits,
                "threshold": round(float(draws.mean()), 5),
                "threshold_low": round(float(np.percentile(draws, lo)), 5),
                "threshold_high": round(float(np.percentile(draws, hi)), 5),
            }
        )
    return out


def race_averages(result: Fit) -> dict[str, float]:
    """Per-race threshold averaged over locations, weighted by their stops (as the paper)."""
    weight: dict[str, float] = {}
    for c in result.cells:
        weight[c.location] = weight.get(c.location, 0) + c.stops
    means = result.threshold.mean(0)
    out: dict[str, float] = {}
    for race in sorted({c.race for c in result.cells}):
        idx = [j for j, c in enumerate(result.cells) if c.race == race]
        w = np.array([weight[result.cells[j].location] for j in idx], dtype=float)
        out[race] = float((means[idx] * w).sum() / w.sum())
    return out
