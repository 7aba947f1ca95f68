{#- One row: this run's batch of the series-incremental chain (macros/incremental_series.sql).
    recompute_all when the chain has no usable previous state: never built, the previous
    run did not complete int_observations_flagged (whose state int_touched_series compares
    against), or the project's models, macros, seeds or vars changed since. -#}
{{ config(
    pre_hook=[
        "create table if not exists {{ incremental_state_relation() }} (model varchar, batch bigint, fingerprint varchar)"
    ],
    post_hook=["{{ forget_incremental_batch() }}", "{{ record_incremental_batch(this) }}"]
) }}

{%- set fingerprint = incremental_fingerprint() %}

with

state as (

    select * from {{ incremental_state_relation() }}

),

previous as (

    select
        max(batch) filter (where model = '{{ this.name }}') as batch,
        max(fingerprint) filter (where model = '{{ this.name }}') as fingerprint,
        max(batch) filter (where model = 'int_observations_flagged') as flagged_batch

    from state

),

final as (

    select
        -- microseconds since the epoch: later runs have larger batches, even after a
        -- --full-refresh of this model alone
        epoch_us(get_current_timestamp()) as batch,
        previous.batch as previous_batch,
        '{{ fingerprint }}' as fingerprint,
        (
            previous.batch is null
            or previous.fingerprint is distinct from '{{ fingerprint }}'
            or previous.flagged_batch is distinct from previous.batch
        ) as recompute_all

    from previous

)

select * from final
