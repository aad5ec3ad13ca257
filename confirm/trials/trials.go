// Package trials runs a confirm/ program's trials and gives its verdict: the -trials,
// -share and -within flags, the loop, the one result line and the exit code (0 confirmed,
// 1 not, 2 bad flags) that the realgo tests read. Programs whose trials need no schedule
// forcing use it; last_retry_waits keeps its own, more detailed, report.
package trials

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"
)

// Options are the flags every trial-based program takes.
type Options struct {
	Trials int
	Share  float64
	Within time.Duration
}

// Flags registers -trials (default `trials`), -share and -within on fs.
func Flags(fs *flag.FlagSet, trials int) *Options {
	o := &Options{}
	fs.IntVar(&o.Trials, "trials", trials, "number of trials")
	fs.Float64Var(&o.Share, "share", 1.0, "share of trials that must reproduce")
	fs.DurationVar(&o.Within, "within", 30*time.Second, "time all trials must take at most")
	return o
}

// Parse parses the command line into fs; on bad flags it prints one line and exits 2.
func Parse(fs *flag.FlagSet, o *Options) {
	if err := fs.Parse(os.Args[1:]); err != nil || o.Trials <= 0 || o.Share < 0 || o.Share > 1 {
		fmt.Fprintf(os.Stderr, "%s: bad flags\n", fs.Name())
		os.Exit(2)
	}
}

// Run runs trial o.Trials times, prints `confirm NAME go=... result=confirmed|not-confirmed`
// and exits 0 when at least o.Share of the trials reproduced and all took at most o.Within,
// 1 when not or when a trial fails to run.
func Run(name string, o *Options, trial func() (bool, error)) {
	start := time.Now()
	reproduced := 0
	for i := 0; i < o.Trials; i++ {
		ok, err := trial()
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
			os.Exit(1)
		}
		if ok {
			reproduced++
		}
	}
	took := time.Since(start)
	confirmed := float64(reproduced) >= o.Share*float64(o.Trials) && took <= o.Within
	result := "not-confirmed"
	if confirmed {
		result = "confirmed"
	}
	fmt.Printf("confirm %s go=%s trials=%d reproduced=%d took=%s result=%s\n",
		name, runtime.Version(), o.Trials, reproduced, took.Round(time.Millisecond), result)
	if !confirmed {
		os.Exit(1)
	}
}
