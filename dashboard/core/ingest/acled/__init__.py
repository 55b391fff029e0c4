"""ACLED exports: conversion, ACLED-specific checks and the actor-to-faction map."""

__all__ = []
