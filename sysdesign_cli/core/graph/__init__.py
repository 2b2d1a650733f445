"""The design-graph engine: a design as a graph of blocks, read from text or Mermaid,
checked, loaded with traffic and broken in drills. Pure data in and out; exercises,
interviews and `design check` all use it. `model` lists the API a session drives.

The model and its readers
    model        blocks, edges, the graph
    kinds        what a block's name says it is
    build        names and edges as written, turned into a graph (both readers share it)
    text         the one-edge-a-line format, read and written
    mermaid      Mermaid flowcharts, read and written
Flows, and what survives
    flows        how one flow moves through the graph
    survival     whether a flow still works when blocks die
    spof         single points of failure
    availability each flow's availability
    drills       kill a block, a copy or a zone
Checks
    rules        a scenario's rules, as data
    rule_checks  those rules applied to each flow's route
    checks       every check at once, as one verdict
    findings     what the checks say
Load
    capacity     the per-block capacity table
    traffic      each flow's peak rate and payload
    load         per-block load and utilisation, what buckles first
    latency      how long each flow takes
The design loop
    design_loop  at a target, the bottleneck and what each fix does
    loop_offers  the fixes offered each round, beside plausible mistakes
    loop_judge   each round judged
    loop_search  the fewest additions that carry the target
    design_breaks  a reference design broken one way (review cards)
"""
