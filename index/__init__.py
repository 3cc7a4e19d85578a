"""Retrieval core: knowledge chunking, embeddings, the hybrid FAISS index and grounded answers."""
