{{ config(materialized='view') }}

{#- The economist's to-do list: press figures that disagree with the official figure. -#}

with

reconciliation as (

    select * from {{ ref('figure_reconciliation') }}

),

final as (

    select * from reconciliation
    where status = 'conflict'

)

select * from final
