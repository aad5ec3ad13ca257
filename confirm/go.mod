module poolcheck/confirm

go 1.19
