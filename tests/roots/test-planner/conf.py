# A small curriculum for the session planner's tests: audiences, co-delivery and a withdrawn
# story each rule out a module.
extensions = ["myst_parser", "heard"]
