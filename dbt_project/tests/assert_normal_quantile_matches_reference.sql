{#- The normal quantile macro against reference values (Python's statistics.NormalDist), in both
    tails and the middle: a wrong coefficient would shift every pressure score. -#}
with

reference (p, z) as (

    values
    (0.00001, -4.2648907939228256),
    (0.01, -2.3263478740408408),
    (0.3, -0.5244005127080407),
    (0.5, 0.0),
    (0.875, 1.1503493803760079),
    (0.975, 1.9599639845400536),
    (0.999, 3.090232306167813)

)

select p, z, {{ normal_quantile('p') }} as approximation
from reference
where abs({{ normal_quantile('p') }} - z) > 1e-8
