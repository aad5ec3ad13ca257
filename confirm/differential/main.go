// differential runs poolcheck workloads through real Go 1.19's database/sql with a Go fake
// driver that behaves like model/fakedb, and compares what happened with what the C++ pool
// did (issue 11 §2). Input: cases, one JSON document per line (`poolcheck export --run`,
// or the differential_cases tool of confirm/), each a workload and the C++ outcome.
// Output: the differences of each mismatching case, then a summary; exit 1 if any case
// mismatched (with -want-mismatch: if none did) or fewer than -min cases were compared, 2 for unreadable input. With -print, it prints
// Go's outcome of each case as JSON instead of comparing.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	casesPath := flag.String("cases", "", "file of cases, one JSON document per line (- : stdin)")
	minCases := flag.Int("min", 1, "fail unless at least this many cases were compared")
	printOnly := flag.Bool("print", false, "print Go's outcome of each case instead of comparing")
	mismatchPath := flag.String("mismatches", "", "also write each mismatching case to this new file")
	wantMismatch := flag.Bool("want-mismatch", false,
		"succeed only if some case mismatched (shows the comparison catches a pool that differs)")
	flag.Parse()
	if *casesPath == "" {
		fail(2, "differential: -cases FILE is required")
	}
	cases, err := readCases(*casesPath)
	if err != nil {
		fail(2, "differential: %v", err)
	}
	if *printOnly {
		printOutcomes(cases)
		return
	}
	var mismatches []string
	compared, mismatched := 0, 0
	byName := map[string][2]int{}
	for i, c := range cases {
		if c.Cpp == nil {
			fail(2, "differential: case %d (%s) has no C++ outcome (export it with --run)", i+1, c.Workload.Name)
		}
		diffs := compareOutcomes(*c.Cpp, runWorkload(c.Workload))
		compared++
		counts := byName[c.Workload.Name]
		counts[0]++
		if len(diffs) > 0 {
			mismatched++
			counts[1]++
			fmt.Printf("MISMATCH case %d (%s):\n  %s\n", i+1, c.Workload.Name, strings.Join(diffs, "\n  "))
			line, _ := json.Marshal(c)
			mismatches = append(mismatches, string(line))
		}
		byName[c.Workload.Name] = counts
	}
	for name, counts := range byName {
		fmt.Printf("  %s: %d compared, %d mismatched\n", name, counts[0], counts[1])
	}
	fmt.Printf("differential: %d cases compared, %d mismatched\n", compared, mismatched)
	if *mismatchPath != "" && len(mismatches) > 0 {
		writeNewFile(*mismatchPath, strings.Join(mismatches, "\n")+"\n")
	}
	if compared < *minCases {
		fmt.Printf("differential: fewer than the %d cases required\n", *minCases)
		os.Exit(1)
	}
	if *wantMismatch && mismatched == 0 {
		fmt.Println("differential: -want-mismatch, but every case was identical")
		os.Exit(1)
	}
	if !*wantMismatch && mismatched > 0 {
		os.Exit(1)
	}
}

func fail(code int, format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(code)
}

// writeNewFile writes text to a file that must not exist yet (nothing is overwritten).
func writeNewFile(path, text string) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err == nil {
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fail(2, "differential: %v", err)
	}
	fmt.Printf("differential: mismatching cases written to %s\n", path)
}

func readCases(path string) ([]testCase, error) {
	f := os.Stdin
	if path != "-" {
		var err error
		if f, err = os.Open(path); err != nil {
			return nil, err
		}
		defer f.Close()
	}
	var cases []testCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c testCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("%s line %d: %v", path, line, err)
		}
		if err := checkCase(c); err != nil {
			return nil, fmt.Errorf("%s line %d: %v", path, line, err)
		}
		cases = append(cases, c)
	}
	return cases, sc.Err()
}

// checkCase refuses what a clients-in-turn run cannot reproduce on real Go.
func checkCase(c testCase) error {
	w := c.Workload
	switch {
	case c.Format != caseFormat || w.Format != workloadFormat:
		return fmt.Errorf("not a %s document", caseFormat)
	case c.Cpp != nil && c.Cpp.Format != outcomeFormat:
		return fmt.Errorf("\"cpp\" is not a %s document", outcomeFormat)
	case w.Driver.LatencyJitterNs != 0:
		return fmt.Errorf("latency jitter is chosen by the C++ strategy")
	case w.Driver.ChosenFaultBudget != 0 && len(w.Driver.ChosenFaultCalls) != 0:
		return fmt.Errorf("chosen faults are the C++ strategy's choices")
	}
	for _, r := range w.Driver.FaultRules {
		if r.Action == "block_until_done" {
			return fmt.Errorf("a fault that blocks until a context is done")
		}
	}
	for _, cl := range w.Clients {
		if err := checkOps(cl.Ops); err != nil {
			return err
		}
	}
	return nil
}

func checkOps(ops []op) error {
	for _, o := range ops {
		if o.TimeoutNs > 0 || o.CancelAfterNs > 0 {
			return fmt.Errorf("an op (%s) with a timeout or cancellation: contexts run on the wall clock", o.Kind)
		}
		if err := checkOps(o.Inner); err != nil {
			return err
		}
	}
	return nil
}

func printOutcomes(cases []testCase) {
	enc := json.NewEncoder(os.Stdout)
	for _, c := range cases {
		if err := enc.Encode(runWorkload(c.Workload)); err != nil {
			fail(2, "differential: %v", err)
		}
	}
}
