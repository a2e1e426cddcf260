// A Hookline receiver in Go: verifies each delivery with the Standard Webhooks library and handles
// each event once, by its webhook-id (Hookline retries, so a delivery can arrive more than once).
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"sync"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

type event struct {
	ID   string          `json:"id"`
	Type string          `json:"type"`
	Data json.RawMessage `json:"data"`
}

// seen holds the webhook-ids already handled. A real receiver keeps them where its own writes go
// (a unique key in its database), so a retry after a crash is still recognised.
type seen struct {
	mu  sync.Mutex
	ids map[string]bool
}

func (s *seen) firstTime(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids[id] {
		return false
	}
	s.ids[id] = true
	return true
}

func report(fields map[string]string) {
	line, _ := json.Marshal(fields)
	fmt.Println(string(line))
}

func main() {
	verifier, err := standardwebhooks.NewWebhook(os.Getenv("WEBHOOK_SECRET"))
	if err != nil {
		log.Fatalf("WEBHOOK_SECRET must be the webhook's whsec_ signing secret: %v", err)
	}
	handled := &seen{ids: map[string]bool{}}

	http.HandleFunc("POST /hooks", func(w http.ResponseWriter, r *http.Request) {
		// Verify the raw bytes: a body parsed and serialised again no longer matches its signature.
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		if err := verifier.Verify(body, r.Header); err != nil {
			report(map[string]string{"refused": r.Header.Get("webhook-id"), "reason": err.Error()})
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		var received event
		if err := json.Unmarshal(body, &received); err != nil {
			http.Error(w, "body is not an event", http.StatusBadRequest)
			return
		}
		id := r.Header.Get("webhook-id")
		if !handled.firstTime(id) {
			report(map[string]string{"duplicate": id})
			w.WriteHeader(http.StatusOK)
			return
		}
		report(map[string]string{"handled": id, "type": received.Type})
		w.WriteHeader(http.StatusNoContent)
	})

	port := os.Getenv("PORT")
	if port == "" {
		port = "4000"
	}
	report(map[string]string{"listening": "127.0.0.1:" + port})
	log.Fatal(http.ListenAndServe("127.0.0.1:"+port, nil))
}
