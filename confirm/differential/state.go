// The state one fake driver shares with everything it makes, and the protocol every
// driver call follows, as model/fakedb/driver_state.cc defines it: judge misuse, log the
// call's start, decide faults (the fault plan's rules, counted per rule), take the call's
// virtual time, do the work unless a fault decided the result, log the end. A conn the
// driver failed answers ErrBadConn to everything but Close calls.
package main

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"sync"
)

var callKindNames = []string{
	"Open", "Prepare", "Begin", "Exec", "Query", "Rows.Next", "Rows.Close", "Stmt.Exec",
	"Stmt.Query", "Stmt.Close", "Commit", "Rollback", "Ping", "ResetSession",
	"ValidConnection", "Close",
}

func isCloseCall(kind string) bool {
	return kind == "Close" || kind == "Stmt.Close" || kind == "Rows.Close"
}

// What the driver knows about one conn.
type connSummary struct {
	inCall         int
	closeCalls     int
	closed         bool
	failedByDriver bool
	openStmts      int
	openRows       int
	openTx         uint64
}

// What a call is on.
type callSite struct {
	kind         string
	conn         uint32
	object       uint64
	objectClosed bool
	detail       string
	ctx          context.Context // nil: no context
}

type driverState struct {
	mu               sync.Mutex
	opts             driverOpts
	instant          map[string]bool
	calls            []callRecord
	conns            []*connSummary // index: id-1
	table            table
	matches          []uint64 // per fault rule: matching calls seen
	stmts, txs, rows uint64
}

func newDriverState(opts driverOpts) *driverState {
	s := &driverState{opts: opts, instant: map[string]bool{}, table: table{rows: map[int64]string{}},
		matches: make([]uint64, len(opts.FaultRules))}
	for _, k := range opts.InstantCalls {
		s.instant[k] = true
	}
	return s
}

func (s *driverState) conn(id uint32) *connSummary {
	if id == 0 || int(id) > len(s.conns) {
		return nil
	}
	return s.conns[id-1]
}

// The result a fault plan decided for one call.
type faultDecision struct {
	err        error
	block      bool
	extraDelay int64
	rule       int
}

func (d faultDecision) faulted() bool { return d.block || d.err != nil }

func contains(kinds []string, kind string) bool {
	for _, k := range kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// decideLocked applies the fault rules in order (FaultDecider::ApplyRules).
func (s *driverState) decideLocked(kind string, conn uint32) faultDecision {
	d := faultDecision{rule: -1}
	for i, r := range s.opts.FaultRules {
		if !contains(r.Calls, kind) {
			continue
		}
		if kind != "Open" && r.Conn != 0 && r.Conn != conn {
			continue
		}
		s.matches[i]++
		m := s.matches[i]
		if m < r.First || (r.Count != 0 && m-r.First >= r.Count) {
			continue
		}
		if r.Action == "delay" {
			d.extraDelay += r.DelayNs
			continue
		}
		if d.faulted() {
			continue
		}
		d.rule = i
		switch r.Action {
		case "bad_conn":
			d.err = driver.ErrBadConn
		case "error":
			d.err = fmt.Errorf("fakedb: injected error in %s", kind)
		case "block_until_done":
			d.block = true
		}
	}
	return d
}

// misuseLocked: LifecycleViolation and, with guards, ExclusiveUseViolation, in the texts
// of model/fakedb/guards.cc without the goroutines they name (which differ between the
// two sides; compare.go strips them from the C++ texts).
func (s *driverState) misuseLocked(site callSite) string {
	c := s.conn(site.conn)
	if c == nil {
		return ""
	}
	label := callLabel(site)
	switch {
	case s.opts.Guards && c.inCall > 0:
		return fmt.Sprintf("conn %d: entered %s while another call is inside: two driver calls at once on one conn", site.conn, label)
	case c.closeCalls > 0 && site.kind == "Close":
		return fmt.Sprintf("conn %d: Close called twice,; first Close", site.conn)
	case c.closeCalls > 0:
		return label + " after the conn's Close"
	case site.objectClosed && (site.kind == "Stmt.Close" || site.kind == "Rows.Close"):
		return label + " called twice,"
	case site.objectClosed && (site.kind == "Commit" || site.kind == "Rollback"):
		return label + " after the tx ended"
	case site.objectClosed:
		return label + " after it was closed"
	case site.kind == "Close" && (c.openStmts > 0 || c.openTx != 0):
		text := fmt.Sprintf("conn %d: Close with %d open statement(s)", site.conn, c.openStmts)
		if c.openTx != 0 {
			text += fmt.Sprintf(" and tx %d not ended", c.openTx)
		}
		return text
	}
	return ""
}

// callLabel: DriverCall::Label, e.g. "conn 3 stmt 2 Stmt.Exec NOOP".
func callLabel(site callSite) string {
	text := ""
	if site.conn != 0 {
		text = fmt.Sprintf("conn %d ", site.conn)
	}
	if site.object != 0 {
		noun := "stmt"
		switch site.kind {
		case "Rows.Next", "Rows.Close":
			noun = "rows"
		case "Commit", "Rollback":
			noun = "tx"
		}
		text += fmt.Sprintf("%s %d ", noun, site.object)
	}
	text += site.kind
	if site.detail != "" {
		text += " " + site.detail
	}
	return text
}

type ticket struct {
	index   int
	outcome error
}

func (s *driverState) enter(site callSite) ticket {
	s.mu.Lock()
	c := s.conn(site.conn)
	connFailed := c != nil && c.failedByDriver && !isCloseCall(site.kind)
	misuse := s.misuseLocked(site)
	s.calls = append(s.calls, callRecord{Kind: site.kind, Conn: site.conn, Object: site.object,
		Detail: site.detail, FaultRule: -1, StartNs: clock.Elapsed(), EndNs: -1})
	t := ticket{index: len(s.calls) - 1}
	if c != nil {
		c.inCall++
		if site.kind == "Close" {
			c.closeCalls++
		}
	}
	if misuse != "" {
		s.mu.Unlock()
		t.outcome = errors.New("fakedb: " + misuse)
		return t
	}
	d := s.decideLocked(site.kind, site.conn)
	if d.faulted() {
		s.calls[t.index].FaultRule = d.rule
	}
	s.mu.Unlock()
	t.outcome = s.takeTime(site, d)
	if t.outcome == nil {
		if connFailed {
			t.outcome = driver.ErrBadConn
		} else {
			t.outcome = d.err
		}
	}
	if site.kind == "ValidConnection" && t.outcome != nil {
		t.outcome = driver.ErrBadConn
	}
	return t
}

func (s *driverState) takeTime(site callSite, d faultDecision) error {
	if d.block {
		ctx := site.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		<-ctx.Done()
		return ctx.Err()
	}
	latency := d.extraDelay
	if !s.instant[site.kind] {
		latency += s.opts.CallLatencyNs
	}
	clock.Advance(latency)
	return nil
}

func shortStatus(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, driver.ErrBadConn):
		return "ErrBadConn"
	case err == io.EOF:
		return "EOF"
	case errors.Is(err, driver.ErrSkip):
		return "ErrSkip"
	}
	return err.Error()
}

func (s *driverState) leave(t ticket, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	call := &s.calls[t.index]
	call.Status = shortStatus(err)
	call.EndNs = clock.Elapsed()
	c := s.conn(call.Conn)
	if call.Kind == "Open" || c == nil {
		return
	}
	c.inCall--
	if errors.Is(err, driver.ErrBadConn) {
		c.failedByDriver = true
	}
	if call.Kind == "Close" {
		c.closed = true
	}
}

// run makes one driver call on a conn or its objects; work runs unless a fault or misuse
// decided the result.
func (s *driverState) run(site callSite, work func() error) error {
	t := s.enter(site)
	if t.outcome != nil {
		s.leave(t, t.outcome)
		return t.outcome
	}
	err := work()
	s.leave(t, err)
	return err
}

// runOpen makes an Open call; on success registers the new conn and returns its id.
func (s *driverState) runOpen(ctx context.Context) (uint32, error) {
	t := s.enter(callSite{kind: "Open", ctx: ctx})
	var id uint32
	if t.outcome == nil {
		s.mu.Lock()
		s.conns = append(s.conns, &connSummary{})
		id = uint32(len(s.conns))
		s.calls[t.index].Conn = id
		s.mu.Unlock()
	}
	s.leave(t, t.outcome)
	return id, t.outcome
}

func (s *driverState) withLock(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}
